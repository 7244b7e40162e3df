/*
 * Loss detection with SACK, the strategy beside congestion control: which segments of the
 * scoreboard are lost. RACK-TLP (RFC 8985, Linux's) decides by time, RFC 6675 by the SACKed
 * segments above a hole. The connection retransmits what is marked lost, reduces the window with
 * PRR (RFC 6937), and asks the strategy whether to probe a tail loss (RFC 8985 7).
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_LOSS_DETECTION_H
#define HANDSHAKE_TCP_LOSS_DETECTION_H

#include "tcp-config.h"
#include "tcp-retransmit-queue.h"

#include <memory>
#include <optional>

namespace ns3
{
namespace handshake
{

class TcpLossDetection
{
  public:
    virtual ~TcpLossDetection() = default;

    virtual const char* Name() const = 0;
    /** An ACK delivered \p delivery at \p now; \p minRtt is the connection's (0: none yet). */
    virtual void OnDelivery(const TcpRetransmitQueue::Delivery& delivery,
                            TcpTime now,
                            TcpTime minRtt) = 0;
    /**
     * Marks the segments now deemed lost; returns the time at which a segment not yet lost
     * will be, if one will (the reordering timer, RFC 8985 6.3), else nothing.
     */
    virtual std::optional<TcpTime> DetectLosses(TcpRetransmitQueue& queue,
                                                TcpTime now,
                                                uint32_t mss,
                                                bool inRecovery) = 0;
    /** True when tail loss probes are sent (RFC 8985 7). */
    virtual bool ProbesTail() const = 0;
};

/** The strategy \p kind stands for. */
std::unique_ptr<TcpLossDetection> CreateLossDetection(TcpLossRecovery kind);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_LOSS_DETECTION_H
