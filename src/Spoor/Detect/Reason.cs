namespace Spoor.Detect;

/// <summary>One reason behind a conclusion: a stable code for machines and a sentence for people.</summary>
public sealed record Reason(string Code, string Text);
