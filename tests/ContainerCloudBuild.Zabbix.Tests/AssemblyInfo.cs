using ContainerCloudBuild.Zabbix.Testing;

[assembly: AssemblyFixture(typeof(ZabbixFixture))]
