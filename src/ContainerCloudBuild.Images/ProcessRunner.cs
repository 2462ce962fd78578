using System.Diagnostics;

namespace ContainerCloudBuild.Images;

/// <summary>Runs a tool to completion; a non-zero exit throws with the command, directory and output tail.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{file}'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' in {workingDirectory} exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output.Split('\n').TakeLast(15))}");
        return output;
    }
}
