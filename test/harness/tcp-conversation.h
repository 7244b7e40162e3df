/*
 * Groups decoded packets into TCP connections and checks their lifecycle the way shared/seeds/
 * describe it: SYN, SYN-ACK, ACK; then a FIN from each side, each acknowledged.
 */
#ifndef HANDSHAKE_TEST_TCP_CONVERSATION_H
#define HANDSHAKE_TEST_TCP_CONVERSATION_H

#include "decoded-packet.h"

#include <string>
#include <vector>

namespace handshake::test
{

class TcpConversation
{
  public:
    /** Splits the TCP packets of a capture into conversations by 4-tuple, in order of first packet. */
    static std::vector<TcpConversation> Split(const std::vector<DecodedPacket>& packets);

    const std::vector<DecodedPacket>& Packets() const { return m_packets; }
    /** "10.1.0.1:49153 <-> 10.2.0.1:80" */
    std::string Name() const;

    /**
     * Empty when the first three packets are SYN (initiator), SYN-ACK (acking SYN+1), ACK (acking
     * the SYN-ACK + 1), else what is wrong.
     */
    std::string CheckHandshake() const;

    /**
     * Empty when each side sent a FIN and (with \p requireAcks) the other side acknowledged it,
     * else what is wrong.
     */
    std::string CheckTeardown(bool requireAcks = true) const;

  private:
    std::vector<DecodedPacket> m_packets;
    std::string m_initiator;
    uint16_t m_initiatorPort{0};

    bool FromInitiator(const DecodedPacket& p) const;
    std::string CheckFin(bool initiatorSide, bool requireAck) const;
};

} // namespace handshake::test

#endif // HANDSHAKE_TEST_TCP_CONVERSATION_H
