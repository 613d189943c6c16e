namespace Spoor.Knowledge;

/// <summary>A service whose probing from outside has a known purpose, with what an attacker learns or gains.</summary>
public sealed record ProbedService(string Name, string Intent);
