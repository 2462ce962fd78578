using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Reporting;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Reporting.Support;

/// <summary>Runs a build in-process in a temporary repository and writes its report as the host does; keeps the results.</summary>
internal sealed class ReportRun : IDisposable
{
    private readonly TempDirectory _root = new("ccb-report");

    public MemoryBuildOutput Output { get; } = new();
    public int ExitCode { get; private set; }
    public string ReportPath { get; private set; } = "";
    public string RecordJson { get; private set; } = "";

    public string Root => _root.Path;

    public async Task RunAsync(object build, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var settings = new BuildRunSettings
        {
            RootDirectory = _root.Path,
            Output = Output,
            OnRunCompleted = (record, console, _) =>
            {
                ReportPath = RunReport.WriteBesideRecord(record, console.Masker, _root.Path);
                return Task.CompletedTask;
            },
        };
        ExitCode = await BuildRunner.RunAsync(build, args, settings, cancellationToken);
        RecordJson = await File.ReadAllTextAsync(RunRecord.LastRunPath(_root.Path), cancellationToken);
        Assert.True(File.Exists(ReportPath), "no report was written beside " + RunRecord.LastRunPath(_root.Path));
    }

    public void Dispose() => _root.Dispose();
}
