using Swarmd;

return await SwarmdCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
