/*
 * --syn-flood and --attacker-rate (SynFloodPlan): an attacker host floods server 0's HTTP port
 * with spoofed SYNs. Brings the load samples of that server, the `syn_flood` row, the summary's
 * flood line and the flood_syns_sent metric (empty without a flood).
 */
#ifndef HANDSHAKE_SYN_FLOOD_COMPONENT_H
#define HANDSHAKE_SYN_FLOOD_COMPONENT_H

#include "ns3/scenario-component.h"
#include "ns3/syn-flood-plan.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <optional>
#include <string>

namespace ns3
{

class SynFloodComponent : public ScenarioComponent
{
  public:
    /** How often the half-open and connection counts of the server under attack are sampled. */
    static const Time SERVER_LOAD_INTERVAL;

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void InstallLast(ScenarioContext& context) override;
    void WorkDone() override;
    void Record(ResultsDatabase& database) override;
    std::string SummaryLines() const override;
    void AddMetrics(std::vector<MetricRecord>& metrics) const override;

    const SynFloodPlan& Plan() const;
    DataRate AttackerRate() const;

  private:
    std::string m_text{"0"}; //!< --syn-flood
    std::string m_attackerRateText{"1Gbps"};
    SynFloodPlan m_plan; //!< at server 0, the HTTP port
    DataRate m_attackerRate;
    std::optional<SynFloodRecord> m_record; //!< after Record, with a flood
};

} // namespace ns3

#endif // HANDSHAKE_SYN_FLOOD_COMPONENT_H
