namespace Spoor.Detect;

/// <summary>What one finished SMTP session looked like from its packets.</summary>
internal enum SmtpSessionShape
{
    /// <summary>Short, little client data, but too few client commands to have reached the envelope (a liveness check, a banner grab).</summary>
    Brief,

    /// <summary>Short, little client data, and enough commands for HELO, MAIL FROM and RCPT TO: the relay-test shape.</summary>
    Probe,

    /// <summary>More client data or time than a probe: a message was sent, or the session was real use.</summary>
    Long,
}
