using Crm.Backup;

// ./build.sh backup [TARGET] and ./build.sh restore SET… call this; see BackupCommand for the arguments.
return await BackupCommand.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
