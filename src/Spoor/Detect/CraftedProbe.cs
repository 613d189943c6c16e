using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// The header facts of one packet that a <see cref="CraftedSourceState"/> keeps, copied out of the observation: a
/// source's first probe waits as one of these in the detector's slot table, and only a second probe makes the
/// source's state (most sources of a capture send one SYN and never another), which then reads this copy exactly
/// as it would have read the packet.
/// </summary>
internal readonly struct CraftedProbe
{
    public CraftedProbe(in Observation o)
    {
        Fields = o.Fields;
        Time = o.Time;
        Destination = o.Destination;
        Evidence = o.Evidence;
        Sequence = o.Sequence;
        Acknowledgement = o.Acknowledgement;
        IpId = o.IpId;
        Window = o.Window;
        SourcePort = o.SourcePort;
        DestinationPort = o.DestinationPort;
        TcpFlags = o.TcpFlags;
        Ttl = o.Ttl;
        DontFragment = o.DontFragment;
        Protocol = o.Protocol;
    }

    public ObservationFields Fields { get; }

    public Timestamp Time { get; }

    public HostAddress Destination { get; }

    public EvidenceRef Evidence { get; }

    public uint Sequence { get; }

    public uint Acknowledgement { get; }

    public uint IpId { get; }

    public ushort Window { get; }

    public ushort SourcePort { get; }

    public ushort DestinationPort { get; }

    public TcpFlags TcpFlags { get; }

    public byte Ttl { get; }

    public bool DontFragment { get; }

    public TransportProtocol Protocol { get; }

    public bool Has(ObservationFields field) => (Fields & field) == field;
}
