namespace ContainerCloudBuild.Images.Tests;

public sealed class ZabbixAgentScriptTests
{
    [Fact]
    public void EntrypointScript_UserParameters_AreTheSharedItemKeysSpelledAsDeployedTemplatesExpect()
    {
        var keys = ZabbixAgentImage.EntrypointScript.Split('\n')
            .Where(line => line.StartsWith("UserParameter=", StringComparison.Ordinal))
            .Select(line => line["UserParameter=".Length..line.IndexOf(',', StringComparison.Ordinal)])
            .ToList();

        Assert.Equal(["ccb.metric[*]", "ccb.uptime", "ccb.metrics.up"], keys);
    }
}
