using Partenariat.AuditCli;

return await AuditCommand.RunAsync(args, Console.Out, Console.Error);
