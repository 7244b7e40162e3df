/*
 * --profile and --syn-cookies: the defaults our TCP's sockets start from (HandshakeTcpSocket's
 * Profile and SynCookies attributes), set when the flags are validated, before any socket is made.
 * Both need --tcp=handshake, except the values that change nothing (linux, the default profile).
 * The settings table gets every socket attribute the profile sets, so a run's TCP is on record.
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
    /** With --tcp=handshake, every attribute of our TCP's sockets (HandshakeTcpSocket's and
     *  ns3::TcpSocket's) not given on the command line, as the profile sets it: source
     *  "profile linux" or "profile rfc". */
    void AddSettings(std::vector<SettingRecord>& settings) const override;

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
