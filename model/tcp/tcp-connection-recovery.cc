/*
 * TcpConnection, SACK-based loss recovery: the scoreboard (RFC 6675 3), loss detection by the
 * chosen strategy (RACK, RFC 8985 6; or RFC 6675 4), Proportional Rate Reduction in recovery
 * (RFC 6937) and tail loss probes (RFC 8985 7). Without SACK the connection falls back to
 * duplicate ACKs and NewReno (tcp-connection-input.cc).
 */
#include "tcp-connection-impl.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

TcpLossDetection&
TcpConnection::Impl::LossDetection()
{
    if (!m_lossDetection)
    {
        m_lossDetection = CreateLossDetection(m_config.lossRecovery); // on first use: a half-open
    }                                                                 // connection needs none
    return *m_lossDetection;
}

void
TcpConnection::Impl::ProcessSackAck(const TcpSegment& seg, TcpTime now)
{
    TcpRetransmitQueue::Delivery delivery = m_queue.OnAck(m_sndUna, seg.sack);
    LossDetection().OnDelivery(delivery, now, m_minRtt);
    uint32_t lostBefore = m_queue.LostSegments();
    DetectLosses(now);
    // RFC 6937bis (Linux tcp_cwnd_reduction): a safe ACK advances SND.UNA and shows no new loss.
    bool safeAck = m_lastAcked > 0 && m_queue.LostSegments() <= lostBefore;
    bool recovering = m_congState == TcpCongState::RECOVERY || m_congState == TcpCongState::LOSS;
    if (recovering && SeqGeq(m_sndUna, m_recover))
    {
        // RFC 6675 5 / RFC 6937: recovery ends once the recovery point is acknowledged.
        if (m_congState == TcpCongState::RECOVERY)
        {
            m_cc->OnRecoveryExit(now);
        }
        SetCongState(TcpCongState::OPEN);
        recovering = false;
    }
    if (m_congState == TcpCongState::RECOVERY)
    {
        ProportionalRateReduction(delivery.bytes, safeAck);
    }
    else if (m_lastAcked > 0)
    {
        m_cc->OnAck(AckSample(delivery.bytes, now)); // slow start after an RTO too (Linux)
    }
    if (!recovering)
    {
        SetCongState(m_queue.SackedSegments() > 0 ? TcpCongState::DISORDER : TcpCongState::OPEN);
    }
    ProcessTlpAck(seg, delivery, now); // after recovery, as Linux's tcp_ack
}

void
TcpConnection::Impl::ProcessTlpAck(const TcpSegment& seg,
                                   const TcpRetransmitQueue::Delivery& delivery,
                                   TcpTime now)
{
    // RFC 8985 7.4.2. Until the episode ends no other probe is sent (7.2; Linux since 5.9).
    if (!m_tlpEndSeq || SeqLt(seg.ack, *m_tlpEndSeq))
    {
        return;
    }
    if (!m_tlpIsRetrans)
    {
        m_tlpEndSeq.reset(); // a probe of new data: no loss to infer either way
        return;
    }
    // A D-SACK for the probe: the original arrived too, nothing was lost (RFC 2883: the first
    // block lies below SEG.ACK, or inside the second).
    const bool dsack = !seg.sack.empty() &&
                       (SeqLeq(seg.sack[0].right, seg.ack) ||
                        (seg.sack.size() > 1 && SeqGeq(seg.sack[0].left, seg.sack[1].left) &&
                         SeqLeq(seg.sack[0].right, seg.sack[1].right)));
    if (dsack && SeqGeq(seg.sack[0].right, *m_tlpEndSeq))
    {
        m_tlpEndSeq.reset();
        return;
    }
    if (SeqGt(seg.ack, *m_tlpEndSeq))
    {
        // The probe repaired a loss that was not otherwise seen: the congestion response of a
        // fast recovery (Linux: CWR, cwnd down to ssthresh at once).
        m_cc->OnCongestionEvent(FlightSize(), now);
        m_cc->SetCwnd(std::max(m_cc->Ssthresh(), EffectiveMss()));
        m_stats.tailLossProbeRecoveries++;
        m_tlpEndSeq.reset();
        return;
    }
    if (!delivery.any && seg.ack == m_sndUna && seg.payload.empty())
    {
        m_tlpEndSeq.reset(); // a pure duplicate ACK: original and probe both arrived
    }
}

void
TcpConnection::Impl::DetectLosses(TcpTime now)
{
    bool inRecovery = m_congState == TcpCongState::RECOVERY;
    std::optional<TcpTime> reorder =
        LossDetection().DetectLosses(m_queue, now, EffectiveMss(), inRecovery);
    if (reorder)
    {
        ArmTimer(TcpTimerKind::REORDER, *reorder);
    }
    else
    {
        CancelTimer(TcpTimerKind::REORDER);
    }
    if (m_queue.LostSegments() > 0 && m_congState != TcpCongState::RECOVERY &&
        m_congState != TcpCongState::LOSS)
    {
        EnterRecovery(now);
    }
}

void
TcpConnection::Impl::EnterRecovery(TcpTime now)
{
    // RFC 6675 5 step 4 / RFC 6937 3: remember the recovery point, reduce ssthresh once per
    // window, and let PRR bring cwnd down to it.
    m_recover = m_sndMax;
    m_cc->OnCongestionEvent(FlightSize(), now);
    m_prrDelivered = 0;
    m_prrOut = 0;
    m_recoverFs = std::max<uint32_t>(FlightSize(), 1);
    SetCongState(TcpCongState::RECOVERY);
    m_rttTiming = false;
    m_tlpEndSeq.reset(); // the recovery's reduction covers the probe's loss (Linux)
    // The fast retransmit itself is sent at once (RFC 6937 3: the first retransmission).
    m_cc->SetCwnd(m_queue.Pipe() + EffectiveMss());
}

void
TcpConnection::Impl::ProportionalRateReduction(uint32_t delivered, bool safeAck)
{
    // RFC 6937 3.1, with RFC 6937bis's safe-ACK rule as Linux's tcp_cwnd_reduction.
    m_prrDelivered += delivered;
    uint32_t pipe = m_queue.Pipe();
    uint32_t ssthresh = m_cc->Ssthresh();
    uint64_t sndcnt = 0;
    if (pipe > ssthresh)
    {
        uint64_t target = (uint64_t{m_prrDelivered} * ssthresh + m_recoverFs - 1) / m_recoverFs;
        sndcnt = target > m_prrOut ? target - m_prrOut : 0;
    }
    else
    {
        // PRR-SSRB: catch up to ssthresh, sending what was delivered, and one MSS more only on
        // a safe ACK (RFC 6937 3.1 adds it on every ACK; Linux and RFC 6937bis do not).
        uint64_t limit = std::max<uint64_t>(m_prrDelivered > m_prrOut ? m_prrDelivered - m_prrOut : 0,
                                            delivered) +
                         (safeAck ? EffectiveMss() : 0);
        sndcnt = std::min<uint64_t>(ssthresh - pipe, limit);
    }
    if (m_prrOut == 0)
    {
        sndcnt = std::max<uint64_t>(sndcnt, EffectiveMss()); // the fast retransmit goes out at once
    }
    m_cc->SetCwnd(static_cast<uint32_t>(std::min<uint64_t>(pipe + sndcnt, 0xFFFFFFFFu)));
}

bool
TcpConnection::Impl::RetransmitOneLost(TcpTime now)
{
    const TcpSentSegment* lost = m_queue.FirstLost();
    if (!lost || m_queue.Pipe() >= m_cc->Cwnd())
    {
        return false; // RFC 6675 5 (C): only while cwnd - pipe leaves room
    }
    bool fin = m_finQueued && lost->end == m_finSeq + 1;
    Transmit(lost->start, lost->Length() - (fin ? 1 : 0), fin, now);
    return true;
}

void
TcpConnection::Impl::SetCongState(TcpCongState state)
{
    if (state != m_congState)
    {
        m_congState = state;
        Emit(TcpEvent::CONG_STATE, static_cast<uint32_t>(state));
    }
}

void
TcpConnection::Impl::AddRttSample(TcpTime rtt)
{
    // Linux tcp_rtt_estimator's window: it ends once SND.UNA passes where SND.NXT was when it
    // began (rtt_seq).
    bool windowEnded = !m_rto.HasSample() || SeqGt(m_sndUna, m_rttWindowEnd);
    if (windowEnded)
    {
        m_rttWindowEnd = m_sndNxt;
    }
    m_rto.AddSample(rtt, windowEnded && m_rto.HasSample());
    m_minRtt = m_minRtt.count() == 0 ? rtt : std::min(m_minRtt, rtt);
    m_lastRttSample = rtt;
}

TcpAckSample
TcpConnection::Impl::AckSample(uint32_t bytes, TcpTime now) const
{
    TcpAckSample sample;
    sample.now = now;
    sample.bytesAcked = bytes;
    sample.sndUna = m_sndUna;
    sample.sndNxt = m_sndMax;
    sample.bytesInFlight = m_options.sack ? m_queue.Pipe() : FlightSize();
    sample.rtt = m_lastRttSample;
    sample.minRtt = m_minRtt;
    return sample;
}

void
TcpConnection::Impl::UpdateLossProbe(TcpTime now, bool restart)
{
    // RFC 8985 7.2: a probe is scheduled while data is outstanding in the Open (or Disorder)
    // state, with an RTT sample, and no probe unanswered; SACK is needed to tell its result.
    bool due = m_options.sack && m_synAcked && m_sndMax != m_sndUna &&
               LossDetection().ProbesTail() && m_rto.HasSample() && !m_tlpEndSeq &&
               (m_congState == TcpCongState::OPEN || m_congState == TcpCongState::DISORDER) &&
               Armed(TcpTimerKind::RETRANSMIT);
    if (!due)
    {
        CancelTimer(TcpTimerKind::PROBE);
        return;
    }
    if (!restart && Armed(TcpTimerKind::PROBE))
    {
        return;
    }
    TcpTime srtt = m_rto.Srtt();
    TcpTime pto = 2 * srtt;
    if (FlightSize() <= EffectiveMss())
    {
        // A single segment may wait for a delayed ACK (WCDelAckT, 200 ms).
        pto = std::max(pto, srtt + srtt / 2 + std::chrono::milliseconds(200));
    }
    else
    {
        pto += std::chrono::milliseconds(2); // Linux TCP_TIMEOUT_MIN
    }
    TcpTime deadline = std::min(now + pto, m_timerDeadline[Index(TcpTimerKind::RETRANSMIT)]);
    ArmTimer(TcpTimerKind::PROBE, deadline);
}

bool
TcpConnection::Impl::OnProbeTimeout(TcpTime now)
{
    // RFC 8985 7.3: send one new segment if the receive window allows, else retransmit the
    // highest one; then the RTO runs.
    uint32_t inFlight = m_sndNxt - m_sndUna;
    uint32_t rwndRoom = m_sndWnd > inFlight ? m_sndWnd - inFlight : 0;
    uint32_t unsent = UnsentFrom(m_sndNxt);
    uint32_t probeSeq = 0;
    m_tlpIsRetrans = !(unsent > 0 && rwndRoom > 0 && m_sndNxt == m_sndMax);
    if (!m_tlpIsRetrans)
    {
        probeSeq = m_sndNxt;
        uint32_t length = std::min({unsent, SendMss(), rwndRoom});
        Transmit(m_sndNxt, length, m_finQueued && m_sndNxt + length == m_finSeq, now);
    }
    else
    {
        const TcpSentSegment* last = nullptr;
        for (auto it = m_queue.Segments().rbegin(); it != m_queue.Segments().rend(); ++it)
        {
            if (!it->sacked)
            {
                last = &*it;
                break;
            }
        }
        if (!last)
        {
            return false;
        }
        probeSeq = last->start;
        bool fin = m_finQueued && last->end == m_finSeq + 1;
        Transmit(last->start, last->Length() - (fin ? 1 : 0), fin, now);
    }
    m_tlpEndSeq = m_sndMax; // RFC 8985 7.3: TLP.end_seq = SND.NXT
    m_stats.tailLossProbes++;
    Emit(TcpEvent::TAIL_LOSS_PROBE, probeSeq);
    ArmTimer(TcpTimerKind::RETRANSMIT, now + m_rto.Rto());
    return true;
}

void
TcpConnection::Impl::OnReorderTimeout(TcpTime now)
{
    // RFC 8985 6.3: the reordering window has passed for a segment: look again.
    DetectLosses(now);
    TrySend(now);
    UpdateTimers(now, false);
}

} // namespace handshake
} // namespace ns3
