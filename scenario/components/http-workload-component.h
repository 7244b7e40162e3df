/*
 * The HTTP workload: an HttpServerApplication on every server (port ScenarioContext::httpPort) and
 * on every client an HttpClientApplication that makes --requests GETs of --size bytes from server
 * (i mod servers), one connection each or --persistent, starting at a time drawn in
 * [0.1 s, 0.1 s + --start-window]. The clients' requests go to the run's RequestRecorder; each
 * client's start goes into its row of the `clients` table.
 */
#ifndef HANDSHAKE_HTTP_WORKLOAD_COMPONENT_H
#define HANDSHAKE_HTTP_WORKLOAD_COMPONENT_H

#include "ns3/scenario-component.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>

namespace ns3
{

class HttpWorkloadComponent : public ScenarioComponent
{
  public:
    std::string sizeText{"20000"};
    uint32_t requests{3};
    bool persistent{false};
    std::string startWindowText{"1s"};

    // After Validate.
    Ptr<RandomVariableStream> sizeBytes; //!< response bytes per connection
    Time startWindow; //!< clients start uniformly within [0.1 s, 0.1 s + startWindow]

    /** The clients are stopped this long before the run's limit, so that requests still under way
     *  are recorded. */
    static constexpr int STOP_BEFORE_LIMIT_MS = 1;

    HttpWorkloadComponent();

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    void Install(ScenarioContext& context) override;

  private:
    std::string m_requestsText;
};

} // namespace ns3

#endif // HANDSHAKE_HTTP_WORKLOAD_COMPONENT_H
