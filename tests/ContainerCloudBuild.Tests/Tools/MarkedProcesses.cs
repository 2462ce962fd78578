namespace ContainerCloudBuild.Tests.Tools;

/// <summary>Counts live (non-zombie) processes whose environment carries a marker value.</summary>
internal static class MarkedProcesses
{
    public static int Count(string marker)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "environ")).Contains(marker, StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) continue;
                count++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        return count;
    }

    public static Task WaitForAsync(string marker, int expected, TimeSpan timeout) =>
        WaitForAsync(marker, expected, expected, timeout);

    public static async Task WaitForAsync(string marker, int atLeast, int atMost, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int count;
        while ((count = Count(marker)) < atLeast || count > atMost)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} processes carry the marker, expected {atLeast}..{atMost}");
            await Task.Delay(50);
        }
    }
}
