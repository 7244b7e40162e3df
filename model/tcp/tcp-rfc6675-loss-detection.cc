#include "tcp-rfc6675-loss-detection.h"

namespace ns3
{
namespace handshake
{

const char*
TcpRfc6675LossDetection::Name() const
{
    return "Rfc6675";
}

bool
TcpRfc6675LossDetection::ProbesTail() const
{
    return false;
}

void
TcpRfc6675LossDetection::OnDelivery(const TcpRetransmitQueue::Delivery& /* delivery */,
                                    TcpTime /* now */,
                                    TcpTime /* minRtt */)
{
}

std::optional<TcpTime>
TcpRfc6675LossDetection::DetectLosses(TcpRetransmitQueue& queue,
                                      TcpTime /* now */,
                                      uint32_t mss,
                                      bool /* inRecovery */)
{
    // RFC 6675 4, IsLost(SeqNum): walk down from the highest segment, counting what is SACKed
    // above each hole.
    uint32_t sackedSegments = 0;
    uint64_t sackedBytes = 0;
    auto& segments = queue.Segments();
    for (auto it = segments.rbegin(); it != segments.rend(); ++it)
    {
        if (it->sacked)
        {
            sackedSegments++;
            sackedBytes += it->Length();
            continue;
        }
        // A segment retransmitted already waits for the RTO (RFC 6675 4 NextSeg: above HighRxt).
        bool enough = sackedSegments >= DUP_THRESH || sackedBytes > uint64_t{DUP_THRESH - 1} * mss;
        if (enough && it->timesSent == 1)
        {
            queue.MarkLost(*it);
        }
    }
    return std::nullopt;
}

} // namespace handshake
} // namespace ns3
