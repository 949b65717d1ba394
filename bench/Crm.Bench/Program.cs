using System.Reflection;
using Crm.Bench;

// ./build.sh bench [name ...]: runs the named benchmarks (all when none is named) and prints their figures.

// WebApplicationFactory finds the hosts' content roots through MvcTestingAppManifest.json in the working directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
// A host in a process of its own, started by a benchmark (HostProcess): not a benchmark name.
if (args is ["serve", ..]) return await HostProcess.ServeAsync(args[1..]);
var all = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(typeof(IBenchmark)))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var chosen = names.Count == 0 ? all : all.Where(b => names.Contains(b.Name)).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"No benchmark named {string.Join(", ", names)}. Known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
foreach (var benchmark in chosen)
{
    Console.WriteLine();
    Console.WriteLine($"## {benchmark.Name}: {benchmark.Description}");
    await benchmark.RunAsync(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
}
return 0;
