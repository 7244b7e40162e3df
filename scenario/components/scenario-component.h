/*
 * One part of a run (the topology, the HTTP workload, the capture, the recorders, link faults,
 * --drop rules, server restarts, a SYN flood, the run's end, its outputs, ...) with everything it
 * brings: its flags (OptionGroup: parsed and validated with the run's own), its
 * install step, its rows in results.sqlite, its summary lines and its metrics. HandshakeScenario
 * calls every hook of its components in their order, at fixed points of the run; a hook a
 * component does not need is left as it is (doc/architecture.rst, "Adding a component").
 */
#ifndef HANDSHAKE_SCENARIO_COMPONENT_H
#define HANDSHAKE_SCENARIO_COMPONENT_H

#include "ns3/option-group.h"
#include "ns3/run-records.h"

#include <string>
#include <vector>

namespace ns3
{

class ResultsDatabase;
struct ScenarioContext;

class ScenarioComponent : public OptionGroup
{
  public:
    /** After every component's flags are validated, before anything is written (with --check too):
     *  what can still fail as a flag error, e.g. building the topology. Returns "--flag: ..." or
     *  empty. */
    virtual std::string Prepare(const SimOptions& /* options */)
    {
        return "";
    }

    /** After Prepare, once --out is open: rows the component adds to the settings in
     *  effect (results.sqlite's settings table, the report), e.g. values a flag implies. */
    virtual void AddSettings(std::vector<SettingRecord>& /* settings */) const
    {
    }

    /** Once the topology is built, the HTTP workload and the capture installed; before the
     *  recorders. Objects made here take the next automatic random streams: the order of the
     *  components is part of a run's numbers. */
    virtual void Install(ScenarioContext& /* context */)
    {
    }

    /** After the recorders: for objects that must be made after every other one, so that the
     *  rest of the run draws the same numbers with or without them (the SYN flood's attacker). */
    virtual void InstallLast(ScenarioContext& /* context */)
    {
    }

    /** Every request has its outcome (during the run): e.g. a flood "until the end" stops. */
    virtual void WorkDone()
    {
    }

    /**
     * A run spread over MPI ranks (doc/mpi.rst): after the run, on every rank, before Record (which
     * only rank 0 does): bring what this rank recorded or counted to rank 0, so that its outputs are
     * the whole run's. Collectives, called in the components' order. Returns an error text or empty.
     */
    virtual std::string GatherRanks()
    {
        return "";
    }

    /** After the run, before Simulator::Destroy: the component's rows into \p database. */
    virtual void Record(ResultsDatabase& /* database */)
    {
    }

    /** After Record: the component's lines of summary.txt ("  ...\n" each; empty for none). The
     *  summary is every component's lines in their order: the recorders' (title, counts,
     *  durations, servers) first, the features', the run end's, the settings' (outputs) last. */
    virtual std::string SummaryLines() const
    {
        return "";
    }

    /** Appends the component's rows of the metrics table (the recorders' first), after Record. */
    virtual void AddMetrics(std::vector<MetricRecord>& /* metrics */) const
    {
    }
};

} // namespace ns3

#endif // HANDSHAKE_SCENARIO_COMPONENT_H
