namespace Spoor.Detect;

/// <summary>How probes were made, in the vocabulary of the <c>spoor/1</c> contract.</summary>
public enum ScanTechnique
{
    Syn,
    Connect,
    Fin,
    Null,
    Xmas,
    Ack,
    Window,
    Maimon,
    SynFin,
    FinRstPsh,
    OtherFlags,
    Udp,
    IcmpEcho,
    IcmpTimestamp,
    IcmpAddressMask,
    IpProtocol,
    Mixed,
}
