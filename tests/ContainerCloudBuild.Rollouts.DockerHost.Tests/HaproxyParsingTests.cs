using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class HaproxyParsingTests
{
    // Captured from HAProxy 2.6 `show servers state hello` after `add server` x2 and weight changes.
    private const string ServersState = """
        1
        # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
        3 hello 1 v1 127.0.0.1 2 0 80 0 1 1 0 1 6 0 0 0 - 18901 - 0 0 - - 0
        3 hello 2 v2 127.0.0.1 2 0 20 0 1 1 0 1 6 0 0 0 - 18902 - 0 0 - - 0

        """;

    [Fact]
    public void ParseState_TwoServers_ReadsNameAddressPortAndUserWeight()
    {
        var servers = HaproxyServer.ParseState(ServersState).ToList();

        Assert.Equal(2, servers.Count);
        Assert.Equal(new HaproxyServer("v1", "127.0.0.1", "18901", 2, 0, 80), servers[0]);
        Assert.Equal(20, servers[1].Weight);
    }

    [Fact]
    public void ParseState_NoHeader_ReturnsNothing() => Assert.Empty(HaproxyServer.ParseState("Can't find backend.\n"));

    [Fact]
    public void CurrentSessions_ServerLine_ReadsScurColumn()
    {
        const string csv = "# pxname,svname,qcur,qmax,scur,smax\nhello,FRONTEND,,,9,9\nhello,v1,0,0,3,7\nhello,v2,0,0,0,1\n";

        Assert.Equal(3, HaproxyServer.CurrentSessions(csv, "hello", "v1"));
        Assert.Equal(0, HaproxyServer.CurrentSessions(csv, "hello", "v2"));
        Assert.Equal(0, HaproxyServer.CurrentSessions(csv, "hello", "v9"));
    }

    [Fact]
    public async Task Render_TwoApps_IsAcceptedByHaproxyCheck()
    {
        ContainerCloudBuild.Testing.RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");
        using var temp = new ContainerCloudBuild.Testing.TempDirectory();
        var config = temp.WriteFile("h.cfg", HaproxyConfig.Render(temp.Combine("h.sock"), 18404, [new HaproxyApp("hello", 18000), new HaproxyApp("shop", 18001)]));
        var check = await ContainerCloudBuild.Testing.ToolProcess.RunAsync("/usr/sbin/haproxy", ["-c", "-f", config], TestContext.Current.CancellationToken);

        Assert.True(check.ExitCode == 0, check.Error);
        Assert.Contains("frontend shop", File.ReadAllText(config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 2, new[] { 50, 50 })]
    [InlineData(20, 3, new[] { 7, 7, 6 })]
    [InlineData(50, 4, new[] { 13, 13, 12, 12 })]
    [InlineData(1, 2, new[] { 1, 0 })]
    [InlineData(0, 3, new[] { 0, 0, 0 })]
    [InlineData(75, 1, new[] { 75 })]
    public void SplitWeight_RevisionWeightOverReplicas_FirstReplicasTakeTheRemainder(int weight, int replicas, int[] expected) =>
        Assert.Equal(expected, HaproxyReplicaServers.SplitWeight(weight, replicas));

    [Fact]
    public void SplitWeight_EveryPercentAndReplicaCount_SumsExactlyAndReplicasDifferByAtMostOne()
    {
        for (var weight = 0; weight <= 100; weight++)
        {
            for (var replicas = 1; replicas <= 7; replicas++)
            {
                var split = HaproxyReplicaServers.SplitWeight(weight, replicas);
                Assert.Equal(weight, split.Sum());
                Assert.InRange(split.Max() - split.Min(), 0, 1);
            }
        }
    }

    [Theory]
    [InlineData("v2:1", "v2", 1)]
    [InlineData("v2.1:0", "v2.1", 0)]
    [InlineData("v2", "v2", 0)]
    public void ServerName_RoundTripsRevisionAndReplica(string server, string revision, int replica)
    {
        Assert.Equal(revision, HaproxyReplicaServers.RevisionOf(server));
        Assert.Equal(replica, HaproxyReplicaServers.ReplicaOf(server));
        if (server.Contains(':', StringComparison.Ordinal))
            Assert.Equal(server, HaproxyReplicaServers.ServerName(revision, replica));
    }
}
