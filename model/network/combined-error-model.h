/*
 * Several error models on one device (ns-3 3.37 gives a device one ReceiveErrorModel): a packet is
 * lost when any of them says so. Every model is asked about every packet, also one an earlier model
 * already dropped, so that each one's state (a rule's match counts, a random model's draws) is what
 * it would be alone: adding --drop rules to a link does not change which packets its --loss drops.
 */
#ifndef HANDSHAKE_COMBINED_ERROR_MODEL_H
#define HANDSHAKE_COMBINED_ERROR_MODEL_H

#include "ns3/error-model.h"

#include <vector>

namespace ns3
{

class CombinedErrorModel : public ErrorModel
{
  public:
    static TypeId GetTypeId();

    /** Adds \p model; models are asked in the order added. A null \p model is ignored. */
    void Add(Ptr<ErrorModel> model);
    const std::vector<Ptr<ErrorModel>>& GetModels() const;

  protected:
    void DoDispose() override;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    std::vector<Ptr<ErrorModel>> m_models;
};

} // namespace ns3

#endif // HANDSHAKE_COMBINED_ERROR_MODEL_H
