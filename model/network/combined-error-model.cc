#include "combined-error-model.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CombinedErrorModel");
NS_OBJECT_ENSURE_REGISTERED(CombinedErrorModel);

TypeId
CombinedErrorModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CombinedErrorModel")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Handshake")
                            .AddConstructor<CombinedErrorModel>();
    return tid;
}

void
CombinedErrorModel::Add(Ptr<ErrorModel> model)
{
    NS_LOG_FUNCTION(this << model);
    if (model)
    {
        m_models.push_back(model);
    }
}

const std::vector<Ptr<ErrorModel>>&
CombinedErrorModel::GetModels() const
{
    return m_models;
}

void
CombinedErrorModel::DoDispose()
{
    m_models.clear();
    ErrorModel::DoDispose();
}

bool
CombinedErrorModel::DoCorrupt(Ptr<Packet> p)
{
    bool corrupt = false;
    for (const auto& model : m_models)
    {
        corrupt = model->IsCorrupt(p) || corrupt; // asked even when already lost: see the header
    }
    NS_LOG_LOGIC(this << " packet " << p->GetUid() << (corrupt ? " lost" : " passes"));
    return corrupt;
}

void
CombinedErrorModel::DoReset()
{
    for (const auto& model : m_models)
    {
        model->Reset();
    }
}

} // namespace ns3
