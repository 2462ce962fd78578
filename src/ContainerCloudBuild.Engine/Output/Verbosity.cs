namespace ContainerCloudBuild.Engine.Output;

/// <summary>How much the engine prints: Quiet (errors and summary), Minimal (plus target headers), Normal, Verbose.</summary>
public enum Verbosity { Quiet, Minimal, Normal, Verbose }
