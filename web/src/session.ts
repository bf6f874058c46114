// The user's key for this tab (sessionStorage: gone when the tab closes), asked for by a sign-in
// form on each page; the API checks it on every call.
let role = 'landlord';

export function useRole(name: string): void {
  role = name;
}

export function currentKey(): string | null {
  return sessionStorage.getItem(`partenariat.key.${role}`);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(`partenariat.key.${role}`, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(`partenariat.key.${role}`);
}
