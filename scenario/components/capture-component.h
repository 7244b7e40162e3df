/*
 * The capture (--pcap=all|servers|sample:K|none, CapturePolicy): pcap files of the servers' links
 * and of the chosen clients' access links under --out's pcap/. The clients it captures are also
 * the ones recorded segment by segment (RunResults::recordedClients), and each one's row of the
 * `clients` table names its file; report.html links every captured host to its file.
 */
#ifndef HANDSHAKE_CAPTURE_COMPONENT_H
#define HANDSHAKE_CAPTURE_COMPONENT_H

#include "ns3/capture-policy.h"
#include "ns3/run-records.h"
#include "ns3/scenario-component.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class CaptureComponent : public ScenarioComponent
{
  public:
    std::string text{"all"};
    CapturePolicy policy; //!< after Validate

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;

    /** Each captured host's address -> its file under --out ("pcap/client3-access.pcap"). */
    std::map<std::string, std::string> FilesByAddress(const std::vector<ClientRecord>& clients,
                                                      const std::vector<ServerRecord>& servers) const;
};

} // namespace ns3

#endif // HANDSHAKE_CAPTURE_COMPONENT_H
