using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DebianLibraryClosureTests
{
    [Fact]
    public void ParseDepends_AlternativesAndVirtuals_KeepsFirstAlternativeAndRealPackages()
    {
        const string output = "zabbix-agent\n  PreDepends: init-system-helpers\n  Depends: libc6\n |Depends: libcurl3-gnutls\n  Depends: libcurl4\n"
            + "  Depends: <debconf-2.0>\n    debconf\n  Depends: zlib1g:amd64\n  Recommends: usbutils\n  Suggests: logrotate\n";

        Assert.Equal(["init-system-helpers", "libc6", "libcurl3-gnutls", "zlib1g"], DebianLibraryClosure.ParseDepends(output));
    }

    [Fact]
    public void ParseSections_TwoStanzas_MapsEachPackage()
    {
        const string output = "Package: zlib1g\nVersion: 1\nSection: libs\n\nPackage: adduser\nSection: admin\n";

        var sections = DebianLibraryClosure.ParseSections(output);

        Assert.Equal("libs", sections["zlib1g"]);
        Assert.Equal("admin", sections["adduser"]);
    }

    [Fact]
    public async Task ResolveAsync_ZabbixAgent_FollowsLibrariesOnlyAndLeavesOutWhatIsPresent()
    {
        var ct = TestContext.Current.CancellationToken;
        RequiredService.Require(File.Exists("/usr/bin/apt-cache"), "apt-cache (Debian)", "Run on Debian bookworm with its package lists (apt-get update).");
        using var work = new TempDirectory("ccb-closure");

        var libraries = await DebianLibraryClosure.ResolveAsync(["zabbix-agent"], ["libc6"], work.Path, ct);

        Assert.Contains("libcurl3-gnutls", libraries); // a direct dependency
        Assert.Contains("zlib1g", libraries); // a library whose name does not start with lib
        Assert.Contains("libsasl2-modules-db", libraries); // reached only through libldap and libsasl2
        Assert.DoesNotContain("libc6", libraries);
        Assert.DoesNotContain("adduser", libraries);
        Assert.DoesNotContain("ucf", libraries);
        Assert.DoesNotContain("perl-base", libraries);
    }
}
