/*
 * --drop (DropPlan): segments lost by what they are on the clients' access links, each recorded
 * in results.sqlite's `drops` table with its connection's id, as every other loss there is (to
 * --loss or a --link-down cut).
 */
#ifndef HANDSHAKE_DROP_RULE_COMPONENT_H
#define HANDSHAKE_DROP_RULE_COMPONENT_H

#include "ns3/drop-plan.h"
#include "ns3/scenario-component.h"

#include <string>

namespace ns3
{

class DropRuleComponent : public ScenarioComponent
{
  public:
    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;
    /** The run's drops (RunResults::drops: this plan's, or every rank's when spread over ranks). */
    void Record(ResultsDatabase& database) override;

    const DropPlan& Plan() const;

  private:
    std::string m_text; //!< --drop: RULE[,RULE...]; empty: none
    DropPlan m_plan;
    ScenarioContext* m_context{nullptr}; //!< from Install
};

} // namespace ns3

#endif // HANDSHAKE_DROP_RULE_COMPONENT_H
