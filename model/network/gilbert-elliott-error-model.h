/*
 * Bursty packet loss: the Gilbert-Elliott two-state Markov model. ns-3 3.37 has random (RateErrorModel)
 * and burst (BurstErrorModel) losses but not this one, which is what measurement papers fit to real
 * links (Gilbert 1960, Elliott 1963; parameters as in RFC 3611 4.7.2 and Hasslinger & Hohlfeld 2008).
 */
#ifndef HANDSHAKE_GILBERT_ELLIOTT_ERROR_MODEL_H
#define HANDSHAKE_GILBERT_ELLIOTT_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

class GilbertElliottErrorModel : public ErrorModel
{
  public:
    static TypeId GetTypeId();
    GilbertElliottErrorModel();

    /** Fixes the random stream (ns-3 convention); returns the number of streams used (1). */
    int64_t AssignStreams(int64_t stream);
    bool InBadState() const;
    /** Long-run loss probability: pi_B * lossBad + pi_G * lossGood, pi_B = p / (p + r). */
    double StationaryLossRate() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    double m_goodToBad{0.01}; //!< p: P(good -> bad) per packet
    double m_badToGood{0.3};  //!< r: P(bad -> good) per packet
    double m_lossGood{0.0};   //!< 1 - k: loss probability in the good state
    double m_lossBad{1.0};    //!< 1 - h: loss probability in the bad state
    bool m_bad{false};
    Ptr<UniformRandomVariable> m_random;
};

} // namespace ns3

#endif // HANDSHAKE_GILBERT_ELLIOTT_ERROR_MODEL_H
