using System.Diagnostics;

namespace ContainerCloudBuild.InnerLoop;

/// <summary>A copy of samples/hello-service in a temp folder whose /version answer is changed by one line, then published.</summary>
sealed class SampleCopy
{
    private const string VersionLine = "    : Results.Text(version + \"\\n\"));";
    private readonly string _program;

    /// <summary>Copies the sample into <paramref name="directory"/>, with the repository's build settings one level up so it builds as in place.</summary>
    public SampleCopy(string repositoryRoot, string sampleDirectory, string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        foreach (var settings in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
            File.Copy(Path.Combine(repositoryRoot, settings), Path.Combine(Path.GetDirectoryName(directory)!, settings), overwrite: true);
        foreach (var file in System.IO.Directory.GetFiles(sampleDirectory))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        _program = Path.Combine(directory, "Program.cs");
        if (!File.ReadAllText(_program).Contains(VersionLine, StringComparison.Ordinal))
            throw new InvalidOperationException($"The sample's /version line changed; update {nameof(SampleCopy)}: {VersionLine}");
        Original = File.ReadAllText(_program);
    }

    public string Directory { get; }
    public string Project => Path.Combine(Directory, "hello-service.csproj");
    private string Original { get; }

    /// <summary>The one-line change: /version answers "&lt;APP_VERSION&gt;+&lt;marker&gt;".</summary>
    public async Task EditAsync(string marker, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(_program, Original.Replace(VersionLine, $"    : Results.Text(version + \"+{marker}\\n\"));", StringComparison.Ordinal),
            cancellationToken);

    /// <summary>Runs dotnet with <paramref name="arguments"/>; returns the wall time, throws with the output on failure.</summary>
    public static async Task<TimeSpan> RunDotNetAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
        return watch.Elapsed;
    }
}
