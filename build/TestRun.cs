using System.Xml.Linq;
using ContainerCloudBuild.Tools;

/// <summary>Runs dotnet test with TRX results and prints one closing line: "Tests: N passed, N failed, N skipped".</summary>
static class TestRun
{
    public static async Task RunAsync(string solution, string configuration, string resultsDirectory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(resultsDirectory)) Directory.Delete(resultsDirectory, recursive: true);
        Exception? failure = null;
        try
        {
            await DotNet.Test(solution, configuration, resultsDirectory).RunAsync(cancellationToken);
        }
        catch (ToolFailedException ex)
        {
            failure = ex;
        }

        var (passed, failed, skipped) = Count(resultsDirectory);
        Console.WriteLine($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (failure is not null) throw new InvalidOperationException($"{failed} test(s) failed; see the output above.", failure);
        if (passed == 0) throw new InvalidOperationException("No test ran.");
    }

    static (int Passed, int Failed, int Skipped) Count(string resultsDirectory)
    {
        int passed = 0, failed = 0, skipped = 0;
        if (!Directory.Exists(resultsDirectory)) return (0, 0, 0);
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null) continue;
            int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var v) ? v : 0;
            passed += Read("passed");
            failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            skipped += Read("notExecuted");
        }

        return (passed, failed, skipped);
    }
}
