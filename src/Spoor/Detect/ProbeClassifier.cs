using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// Decides whether a record is a probe of its destination port: an attempt to reach a service, not an answer
/// or part of a conversation. TCP with the ACK flag is a conversation; UDP answering a flow seen just before
/// is a reply; a log line that names a port but not the flags (a firewall's deny, a TCP-wrappers refusal) is
/// the attempt it records.
/// </summary>
internal static class ProbeClassifier
{
    public static bool IsProbe(in Observation o)
    {
        if (o.Has(ObservationFields.Duplicate) || !o.Has(ObservationFields.DestinationPort) || !o.Has(ObservationFields.Destination)) return false;
        switch (o.Protocol)
        {
            case TransportProtocol.Tcp:
                // A bare reset ends something; it asks no service anything.
                return !o.Has(ObservationFields.TcpFlags) || ((o.TcpFlags & TcpFlags.Ack) == 0 && (o.TcpFlags & TcpFlags.Classic) != TcpFlags.Rst);
            case TransportProtocol.Udp:
            case TransportProtocol.None:
                // A log line without the protocol (a Snort fast alert) gets the same answer test as UDP: SMB name
                // queries and their replies both run 137 to 137, and only the order tells them apart.
                if (!o.Has(ObservationFields.SourcePort) || !o.Has(ObservationFields.Time)) return true;
                return !o.Has(ObservationFields.Reply);
            default:
                return false;
        }
    }
}
