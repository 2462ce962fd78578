using ContainerCloudBuild.Deploy.Zabbix;

namespace ContainerCloudBuild.Tests.Deploy;

public sealed class ZabbixConnectionTests
{
    [Fact]
    public void From_NoSender_TrapperOnTheUrlsHostPort10051AndTokenNotShown()
    {
        var connection = ZabbixConnection.From(new Uri("https://zabbix.example.com/zabbix/"), "s3cr3t-zbx", null);

        Assert.Equal(("zabbix.example.com", 10051), (connection.SenderHost, connection.SenderPort));
        Assert.DoesNotContain("s3cr3t-zbx", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_SenderPortNotANumber_ArgumentExceptionNamingTheParameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZabbixConnection.From(new Uri("https://zabbix.example.com/"), "s3cr3t-zbx", "proxy:port"));

        Assert.Contains("--zabbix-sender 'proxy:port'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SenderWithPort_ThatHostAndPort()
    {
        var connection = ZabbixConnection.From(new Uri("https://zabbix.example.com/"), "s3cr3t-zbx", "proxy.example.com:10052");

        Assert.Equal(("proxy.example.com", 10052), (connection.SenderHost, connection.SenderPort));
    }
}
