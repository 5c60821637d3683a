package org.tern.imap;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.tern.core.auth.Authenticator;
import org.tern.core.config.TernConfig;
import org.tern.core.net.ProtocolHandlerFactory;
import org.tern.imap.process.AppendProcessor;
import org.tern.imap.process.AuthenticateProcessor;
import org.tern.imap.process.CapabilityProcessor;
import org.tern.imap.process.CloseProcessor;
import org.tern.imap.process.CommandDispatcher;
import org.tern.imap.process.CommandProcessor;
import org.tern.imap.process.CopyProcessor;
import org.tern.imap.process.CreateProcessor;
import org.tern.imap.process.DeleteProcessor;
import org.tern.imap.process.EnableProcessor;
import org.tern.imap.process.ExpungeProcessor;
import org.tern.imap.process.FetchProcessor;
import org.tern.imap.process.IdProcessor;
import org.tern.imap.process.IdleProcessor;
import org.tern.imap.process.ImapContext;
import org.tern.imap.process.ListProcessor;
import org.tern.imap.process.LoginProcessor;
import org.tern.imap.process.LogoutProcessor;
import org.tern.imap.process.NamespaceProcessor;
import org.tern.imap.process.NoopProcessor;
import org.tern.imap.process.RenameProcessor;
import org.tern.imap.process.SearchProcessor;
import org.tern.imap.process.SelectProcessor;
import org.tern.imap.process.StartTlsProcessor;
import org.tern.imap.process.StatusProcessor;
import org.tern.imap.process.StoreProcessor;
import org.tern.imap.process.SubscribeProcessor;
import org.tern.imap.process.UnselectProcessor;
import org.tern.store.MailStore;

/** Entry point of the IMAP module for the composition root: one handler factory per IMAP listener. */
public final class ImapService {

    private final ImapContext context;
    private final CommandDispatcher dispatcher;

    public ImapService(TernConfig config, MailStore store, Authenticator authenticator, MeterRegistry registry) {
        this.context = new ImapContext(store, authenticator, config.hostname(), config.messageMaxBytes(),
                config.bool("auth.plaintext-on-loopback"), config.duration("imap.idle-timeout"));
        this.dispatcher = new CommandDispatcher(processors(), registry);
    }

    /** Every command the server implements; each contributes its CAPABILITY words. */
    static List<CommandProcessor<?>> processors() {
        return List.of(new CapabilityProcessor(), new NoopProcessor(), new LogoutProcessor(), new StartTlsProcessor(),
                new LoginProcessor(), new AuthenticateProcessor(), new SelectProcessor(), new CreateProcessor(),
                new DeleteProcessor(), new RenameProcessor(), new SubscribeProcessor(), new ListProcessor(),
                new StatusProcessor(), new AppendProcessor(), new CloseProcessor(), new UnselectProcessor(),
                new ExpungeProcessor(), new SearchProcessor(), new FetchProcessor(), new StoreProcessor(),
                new CopyProcessor(), new IdleProcessor(), new NamespaceProcessor(), new IdProcessor(),
                new EnableProcessor());
    }

    /** The handler factory for a listener name from the config (imap or imaps). */
    public ProtocolHandlerFactory forListener(String listenerName) {
        if (!listenerName.equals("imap") && !listenerName.equals("imaps")) {
            throw new IllegalArgumentException("not an IMAP listener: " + listenerName);
        }
        return new ImapHandlerFactory(context, dispatcher);
    }
}
