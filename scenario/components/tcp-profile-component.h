/*
 * --profile and --syn-cookies: the defaults our TCP's sockets start from (HandshakeTcpSocket's
 * Profile and SynCookies attributes), set when the flags are validated, before any socket is made.
 * Both need --tcp=handshake, except the values that change nothing (linux, the default profile).
 */
#ifndef HANDSHAKE_TCP_PROFILE_COMPONENT_H
#define HANDSHAKE_TCP_PROFILE_COMPONENT_H

#include "ns3/scenario-component.h"

#include <string>

namespace ns3
{

class TcpProfileComponent : public ScenarioComponent
{
  public:
    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;

    const std::string& Profile() const;
    /** off, overflow or always; empty: the TCP's default. */
    const std::string& SynCookies() const;

  private:
    std::string m_profile{"linux"};
    std::string m_synCookies;
    bool m_ours{true}; //!< --tcp=handshake: the profile is reported
};

} // namespace ns3

#endif // HANDSHAKE_TCP_PROFILE_COMPONENT_H
