// Calls to the Partenariat API from the pages: the user's key in X-Api-Key, JSON both ways,
// ProblemDetails turned into an ApiError the forms can show field by field.
import { currentKey } from './session';

/** An RFC 9457 ProblemDetails as the API answers it, with its 'errors' and 'codes' by field. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Record<string, string[]>;
  codes?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

/** The API's root: the pages live at /<prefix>/pages/, the API at /<prefix>/. */
export const apiRoot = new URL('../', location.href);

/** The host's root, where Durable's webhooks are (/runtime/webhooks/durabletask/). */
export const hostRoot = new URL('/', location.href);

export function apiUrl(path: string): string {
  return new URL(path, apiRoot).toString();
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Problem;
    return { ...parsed, status: response.status };
  } catch {
    return { status: response.status, detail: text || response.statusText };
  }
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** An absolute URL instead of a path under the API's root. */
  url?: string;
}

/** Calls the API; resolves with the parsed JSON (or null for an empty answer), rejects with an ApiError. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const key = currentKey();
  if (key) headers['X-Api-Key'] = key;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(options.url ?? apiUrl(path), { method: options.method ?? 'GET', headers, body });
  if (!response.ok) throw new ApiError(await problemOf(response));
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** Uploads a file as the raw body (no multipart), reporting progress; XMLHttpRequest, since fetch reports no upload progress. */
export function upload<T>(path: string, file: File, onProgress: (sent: number, total: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    const key = currentKey();
    if (key) xhr.setRequestHeader('X-Api-Key', key);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const response = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else void problemOf(response).then((p) => reject(new ApiError(p)));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, detail: 'network' }));
    xhr.send(file);
  });
}

/** A file the API serves behind the key, with the answer's headers. */
export async function fetchFile(path: string): Promise<{ blob: Blob; headers: Headers }> {
  const key = currentKey();
  const response = await fetch(apiUrl(path), { headers: key ? { 'X-Api-Key': key } : {} });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return { blob: await response.blob(), headers: response.headers };
}

/** Downloads a file the API serves behind the key, and saves it under its name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const { blob, headers } = await fetchFile(path);
  const disposition = headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(blob, decodeURIComponent(name));
}

export function saveBlob(blob: Blob, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
