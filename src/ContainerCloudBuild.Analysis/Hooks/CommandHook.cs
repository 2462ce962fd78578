using System.Diagnostics;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>Settings of a command hook: a process that reads the event JSON on stdin.</summary>
public sealed record CommandHookOptions(string Name, string FileName, IReadOnlyList<string> Arguments)
{
    public bool Gating { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? WorkingDirectory { get; init; }

    /// <summary>Exit codes that count as success.</summary>
    public IReadOnlySet<int> SuccessExitCodes { get; init; } = new HashSet<int> { 0 };
}

/// <summary>
/// Runs a process with the event JSON on stdin; its exit code is judged. On timeout or cancellation the
/// whole process tree is killed. Stdout may answer <c>{"approved": true|false}</c>.
/// </summary>
public sealed class CommandHook(CommandHookOptions options, SecretMasker masker) : IHook
{
    public string Name => options.Name;

    public bool Gating => options.Gating;

    public async Task<HookResult> RunAsync(HookPoint point, PipelineEvent e, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in options.Arguments)
            start.ArgumentList.Add(a);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new HookResult(Name, false, $"command '{options.FileName}' could not start: {ex.Message}. Check the path and that it is executable.");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await WriteInputAsync(process, HookEventPayload.ToJson(point, masker.Apply(e)), timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new HookResult(Name, false, $"command '{options.FileName}' did not finish within {options.Timeout.TotalSeconds:0.###} s and was killed");
        }
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var code = process.ExitCode;
        var ok = options.SuccessExitCodes.Contains(code);
        var tail = Tail(masker.Apply(ok ? output : errors + output));
        var message = $"command '{options.FileName}' exited with {code}" + (tail.Length > 0 ? $": {tail}" : "");
        return new HookResult(Name, ok, message, code, ok ? HookEventPayload.ReadApproval(output) : null);
    }

    private static async Task WriteInputAsync(Process process, string json, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command did not read its stdin (broken pipe); its exit code still decides.
        }
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 500 ? trimmed : "..." + trimmed[^500..];
    }
}
