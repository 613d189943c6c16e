using Spoor.Evidence;

namespace Spoor.Detect;

/// <summary>
/// What one periodic flow is keyed by: the sender, the protocol and the service (the destination port, or the
/// ICMP type). The target is deliberately not part of the key: a poller or beacon may walk several hosts (seed 001
/// detect 6 visits four) or broadcast, and keying by target would cut its rhythm into pieces too short to see.
/// </summary>
public readonly record struct PeriodicFlowKey(HostAddress Source, TransportProtocol Protocol, ushort Service);
