/*
 * --link-down (LinkFaultPlan): the bottleneck or a client's access link fails for a while.
 */
#ifndef HANDSHAKE_LINK_FAULT_COMPONENT_H
#define HANDSHAKE_LINK_FAULT_COMPONENT_H

#include "ns3/link-fault-plan.h"
#include "ns3/scenario-component.h"

#include <string>

namespace ns3
{

class LinkFaultComponent : public ScenarioComponent
{
  public:
    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;

    const LinkFaultPlan& Plan() const;

  private:
    std::string m_text; //!< --link-down; empty: no fault
    LinkFaultPlan m_plan;
};

} // namespace ns3

#endif // HANDSHAKE_LINK_FAULT_COMPONENT_H
