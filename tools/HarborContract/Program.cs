using ContainerCloudBuild.Tools.HarborContract;

// Usage: dotnet run --project tools/HarborContract -- <upstream swagger.yaml> <output harbor-contract.json>
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync(
        "usage: dotnet run --project tools/HarborContract -- <swagger.yaml> <harbor-contract.json>\n" +
        "  e.g. -- ../shared/harbor/swagger.yaml tests/ContainerCloudBuild.Harbor.Testing/Spec/harbor-contract.json");
    return 2;
}

if (!File.Exists(args[0]))
{
    await Console.Error.WriteLineAsync($"error: {args[0]} does not exist.");
    return 1;
}

var text = ContractFile.Render(ContractFile.FromSwagger(args[0]));
await File.WriteAllTextAsync(args[1], text);
Console.WriteLine($"Wrote {args[1]} ({text.Length} characters) from {args[0]}.");
return 0;
