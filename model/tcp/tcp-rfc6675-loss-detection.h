/*
 * RFC 6675 loss detection: a segment is lost when DupThresh (3) segments above it are SACKed, or
 * more than (DupThresh - 1) * SMSS bytes (IsLost, RFC 6675 4). No tail loss probes.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_RFC6675_LOSS_DETECTION_H
#define HANDSHAKE_TCP_RFC6675_LOSS_DETECTION_H

#include "tcp-loss-detection.h"

namespace ns3
{
namespace handshake
{

class TcpRfc6675LossDetection : public TcpLossDetection
{
  public:
    /** RFC 6675 2: DupThresh. */
    static constexpr uint32_t DUP_THRESH = 3;

    const char* Name() const override;
    void OnDelivery(const TcpRetransmitQueue::Delivery& delivery,
                    TcpTime now,
                    TcpTime minRtt) override;
    std::optional<TcpTime> DetectLosses(TcpRetransmitQueue& queue,
                                        TcpTime now,
                                        uint32_t mss,
                                        bool inRecovery) override;
    bool ProbesTail() const override;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RFC6675_LOSS_DETECTION_H
