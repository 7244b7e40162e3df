#include "gilbert-elliott-error-model.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GilbertElliottErrorModel");
NS_OBJECT_ENSURE_REGISTERED(GilbertElliottErrorModel);

TypeId
GilbertElliottErrorModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::GilbertElliottErrorModel")
            .SetParent<ErrorModel>()
            .SetGroupName("Handshake")
            .AddConstructor<GilbertElliottErrorModel>()
            .AddAttribute("GoodToBad",
                          "p: probability of moving from the good to the bad state, per packet",
                          DoubleValue(0.01),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_goodToBad),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("BadToGood",
                          "r: probability of moving from the bad to the good state, per packet",
                          DoubleValue(0.3),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_badToGood),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("LossInGood",
                          "1-k: loss probability while in the good state",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_lossGood),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute("LossInBad",
                          "1-h: loss probability while in the bad state (1: the Gilbert model)",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&GilbertElliottErrorModel::m_lossBad),
                          MakeDoubleChecker<double>(0.0, 1.0));
    return tid;
}

GilbertElliottErrorModel::GilbertElliottErrorModel()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

int64_t
GilbertElliottErrorModel::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

bool
GilbertElliottErrorModel::InBadState() const
{
    return m_bad;
}

double
GilbertElliottErrorModel::StationaryLossRate() const
{
    double sum = m_goodToBad + m_badToGood;
    double piBad = sum > 0 ? m_goodToBad / sum : 0.0;
    return piBad * m_lossBad + (1 - piBad) * m_lossGood;
}

bool
GilbertElliottErrorModel::DoCorrupt(Ptr<Packet> /* p */)
{
    // Move first, then decide the loss in the new state (one transition per packet).
    double move = m_random->GetValue();
    m_bad = m_bad ? move >= m_badToGood : move < m_goodToBad;
    return m_random->GetValue() < (m_bad ? m_lossBad : m_lossGood);
}

void
GilbertElliottErrorModel::DoReset()
{
    m_bad = false;
}

} // namespace ns3
