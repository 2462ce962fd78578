using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Reporting.Support;

/// <summary>
/// Debian's chromium, headless, opening a file from disk: the rendered DOM (<c>--dump-dom</c>) and a screenshot.
/// Each call uses its own temporary profile; as root the sandbox is off (chromium refuses to start otherwise).
/// </summary>
internal static class HeadlessChromium
{
    private const string Executable = "/usr/bin/chromium";

    public static void Require() =>
        RequiredService.Require(File.Exists(Executable), "chromium", "Install it as root: apt-get install -y chromium (./build.sh Prerequisites does).");

    /// <summary>The DOM after the page loaded and rendered.</summary>
    public static async Task<string> DumpDomAsync(string htmlFile, CancellationToken cancellationToken) =>
        await RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri], cancellationToken);

    /// <summary>Writes a PNG of the page at <paramref name="width"/> x <paramref name="height"/> CSS pixels.</summary>
    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngFile)!);
        File.Delete(pngFile);
        await RunAsync([$"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri], cancellationToken);
        Assert.True(File.Exists(pngFile), $"chromium wrote no screenshot to {pngFile}");
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var profile = new TempDirectory("ccb-chromium");
        var result = await ToolProcess.RunAsync(Executable, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", $"--user-data-dir={profile.Path}", .. arguments], cancellationToken);
        Assert.True(result.ExitCode == 0, $"chromium exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }
}
