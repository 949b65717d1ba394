using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Crm.Platform.Tests;

/// <summary>
/// The real customers service (its built <c>Crm.Customers.dll</c>) in a process of its own, with the settings the system
/// gives it plus <paramref name="extra"/>, so a test can kill it for real. Its stdout is read line by line.
/// </summary>
public sealed class CustomersProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _output = new();

    private CustomersProcess(Process process) => _process = process;

    public static CustomersProcess Start(CrmSystem system, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var dll = ServiceDll("Crm.Customers");
        start.ArgumentList.Add(dll);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in system.SettingsOf("customers").Concat(extra))
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start };
        var running = new CustomersProcess(process);
        process.OutputDataReceived += (_, e) => running.Received(e.Data);
        process.ErrorDataReceived += (_, e) => running.Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        _lines.Writer.TryWrite(line);
    }

    /// <summary>Waits for the process to print a matching line; fails with what it printed if it exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (true)
            {
                var next = _lines.Reader.ReadAsync(timeout.Token).AsTask();
                var exited = _process.WaitForExitAsync(timeout.Token);
                if (await Task.WhenAny(next, exited) == next)
                {
                    if (match(await next)) return;
                    continue;
                }
                await Task.Delay(200, CancellationToken.None); // let the last lines arrive before reporting them
                while (_lines.Reader.TryRead(out var line)) if (match(line)) return;
                throw new InvalidOperationException($"The customers process exited ({_process.ExitCode}) before the expected line:\n{Output}");
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The customers process never printed the expected line:\n{Output}");
        }
    }

    /// <summary>SIGKILL to the process and everything it started; returns once it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    // The service's own build output, next to this test's: …/services/<name>/bin/<configuration>/<tfm>/<name>.dll.
    private static string ServiceDll(string name)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Crm.sln"))) root = root.Parent;
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Crm.sln not found above the test."),
            "services", name, "bin", configuration, tfm, name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The service is not built.", dll);
    }
}
