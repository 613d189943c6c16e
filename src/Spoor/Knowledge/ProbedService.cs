namespace Spoor.Knowledge;

/// <summary>
/// A service whose probing from outside has a known purpose. <paramref name="Intent"/> is a kebab-case code for what an
/// attacker learns or gains (<c>open-proxy-relay</c>); the report words it.
/// </summary>
public sealed record ProbedService(string Name, string Intent);
