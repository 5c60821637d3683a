package org.tern.pop3;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.Connection;
import org.tern.core.net.Framing;
import org.tern.core.net.ProtocolHandler;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.core.sasl.SaslMechanism;
import org.tern.core.sasl.SaslMechanisms;
import org.tern.pop3.handler.AuthCmdHandler;
import org.tern.pop3.handler.CapaCmdHandler;
import org.tern.pop3.handler.DeleCmdHandler;
import org.tern.pop3.handler.ListCmdHandler;
import org.tern.pop3.handler.NoopCmdHandler;
import org.tern.pop3.handler.PassCmdHandler;
import org.tern.pop3.handler.QuitCmdHandler;
import org.tern.pop3.handler.RetrCmdHandler;
import org.tern.pop3.handler.RsetCmdHandler;
import org.tern.pop3.handler.ServerCapabilities;
import org.tern.pop3.handler.StatCmdHandler;
import org.tern.pop3.handler.StlsCmdHandler;
import org.tern.pop3.handler.TopCmdHandler;
import org.tern.pop3.handler.UidlCmdHandler;
import org.tern.pop3.handler.UserCmdHandler;
import org.tern.pop3.login.PlaintextPolicy;
import org.tern.pop3.login.Pop3Login;
import org.tern.pop3.maildrop.InProcessMaildropLock;
import org.tern.pop3.maildrop.MaildropLoader;
import org.tern.pop3.maildrop.MaildropLock;
import org.tern.pop3.maildrop.SeenMarker;
import org.tern.pop3.session.Pop3CommandSet;
import org.tern.pop3.session.Pop3Framing;
import org.tern.pop3.session.Pop3Metrics;
import org.tern.pop3.session.Pop3ProtocolHandler;
import org.tern.pop3.session.Pop3Settings;
import org.tern.store.MailStore;

/**
 * Entry point of the POP3 module for the composition root: one handler factory per POP3 listener (pop3 with
 * STLS, pop3s with implicit TLS). Both listeners share one maildrop lock, so a maildrop is locked across them.
 */
public final class Pop3Service {

    private final Pop3Settings settings;
    private final Pop3CommandSet commands;
    private final SeenMarker seenMarker;
    private final Pop3Metrics metrics;

    public Pop3Service(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
        this(config, store, authenticator, registry, new InProcessMaildropLock(), SaslMechanisms.all(), Clock.systemUTC());
    }

    /** With a replaceable maildrop lock (several nodes), SASL mechanisms and clock (tests). */
    public Pop3Service(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry,
                       MaildropLock lock, List<SaslMechanism> mechanisms, Clock clock) {
        this.settings = Pop3Settings.from(config);
        this.seenMarker = new SeenMarker(store, settings.retrSetsSeen());
        this.metrics = new Pop3Metrics(registry);
        PlaintextPolicy policy = new PlaintextPolicy(settings.plaintextOnLoopback());
        Pop3Login login = new Pop3Login(authenticator, lock, new MaildropLoader(store, settings.leaveDays(), clock), store.events());
        Pop3CommandSet set = new Pop3CommandSet();
        set.add(new CapaCmdHandler(set::contributors))
                .add(new TopCmdHandler(store))
                .add(new UidlCmdHandler())
                .add(new UserCmdHandler(policy))
                .add(new PassCmdHandler(policy, login))
                .add(new AuthCmdHandler(policy, login, mechanisms))
                .add(new StlsCmdHandler())
                .add(new StatCmdHandler())
                .add(new ListCmdHandler())
                .add(new RetrCmdHandler(store))
                .add(new DeleCmdHandler())
                .add(new NoopCmdHandler())
                .add(new RsetCmdHandler())
                .add(new QuitCmdHandler(store, seenMarker))
                .addCapabilities(new ServerCapabilities(settings.leaveDays()));
        this.commands = set;
    }

    /** The handler factory for a listener name from the config (pop3 or pop3s). */
    public ProtocolHandlerFactory forListener(String listenerName) {
        if (!listenerName.equals("pop3") && !listenerName.equals("pop3s")) {
            throw new IllegalArgumentException("not a POP3 listener: " + listenerName);
        }
        return new ProtocolHandlerFactory() {
            @Override
            public String protocol() {
                return "pop3";
            }

            @Override
            public ProtocolHandler create(Connection connection) {
                return new Pop3ProtocolHandler(connection, commands, settings, seenMarker, metrics);
            }

            @Override
            public Framing newFraming() {
                return new Pop3Framing();
            }
        };
    }
}
