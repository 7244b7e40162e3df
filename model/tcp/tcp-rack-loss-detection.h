/*
 * RACK (RFC 8985 6): a segment is lost when a segment sent after it was delivered more than
 * RTT + reordering window ago. Tail loss probes (RFC 8985 7) are the connection's, on.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_RACK_LOSS_DETECTION_H
#define HANDSHAKE_TCP_RACK_LOSS_DETECTION_H

#include "tcp-loss-detection.h"

namespace ns3
{
namespace handshake
{

class TcpRackLossDetection : public TcpLossDetection
{
  public:
    const char* Name() const override;
    void OnDelivery(const TcpRetransmitQueue::Delivery& delivery,
                    TcpTime now,
                    TcpTime minRtt) override;
    std::optional<TcpTime> DetectLosses(TcpRetransmitQueue& queue,
                                        TcpTime now,
                                        uint32_t mss,
                                        bool inRecovery) override;
    bool ProbesTail() const override;

  private:
    /** RFC 8985 6.2 step 4: the reordering window. */
    TcpTime ReorderingWindow(const TcpRetransmitQueue& queue, bool inRecovery) const;

    bool m_delivered{false}; //!< RACK.xmit_ts is set
    TcpTime m_xmitTs{0};     //!< RACK.xmit_ts: send time of the newest segment delivered
    uint32_t m_endSeq{0};    //!< RACK.end_seq
    TcpTime m_rtt{0};        //!< RACK.rtt
    TcpTime m_minRtt{0};
    bool m_reordering{false}; //!< RACK.reord
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RACK_LOSS_DETECTION_H
