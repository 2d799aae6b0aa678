package dev.skillgap.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.openapi.RestOpenApiProcessor;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.catalina.Globals;
import org.springframework.stereotype.Component;

/**
 * GET /openapi.json (route api-openapi). Camel's OpenAPI generator (camel-openapi-java) renders the
 * document from the REST DSL once, from an exchange that carries no header at all: the REST DSL's own
 * api-doc route would hand it the request, whose headers and query parameters platform-http then
 * copies into the response. The document names the configured server (skillgap.api.openapi-host);
 * only a request that came through a trusted proxy (Tomcat's RemoteIpValve, server.tomcat.remoteip.*)
 * gets the scheme, host and port that proxy forwarded (X-Forwarded-Proto / -Host / -Port). The response schemas
 * are added to Camel's document from the response records ({@link ApiSchemas}).
 */
@Component("openApiDocument")
public class OpenApiDocument {

    private final CamelContext camel;
    private final ObjectMapper json = new ObjectMapper();
    private volatile ObjectNode document;

    public OpenApiDocument(CamelContext camel) {
        this.camel = camel;
    }

    /** The document to answer (ApiReplyWriter writes it, the last step of its route): never modified, a copy when a proxy forwarded the request. */
    public ObjectNode render(Exchange exchange) throws Exception {
        String forwarded = forwardedServer(exchange);
        if (forwarded == null) {
            return document();
        }
        ObjectNode copy = document().deepCopy();
        copy.putArray("servers").addObject().put("url", forwarded);
        return copy;
    }

    private ObjectNode document() throws Exception {
        ObjectNode rendered = document;
        if (rendered == null) {
            synchronized (this) {
                if (document == null) {
                    RestConfiguration rest = camel.getRestConfiguration();
                    RestOpenApiProcessor processor = new RestOpenApiProcessor(rest.getApiProperties(), rest);
                    processor.setCamelContext(camel);
                    ServiceHelper.startService(processor);
                    try {
                        Exchange blank = ExchangeBuilder.anExchange(camel).build(); // nothing of any request
                        processor.process(blank);
                        ObjectNode tree = (ObjectNode) json.readTree(blank.getMessage().getBody(byte[].class));
                        ApiSchemas.addTo(tree, ApiReplyWriter.JSON); // response schemas of the records
                        document = tree;
                    } finally {
                        ServiceHelper.stopService(processor);
                    }
                }
                rendered = document;
            }
        }
        return rendered;
    }

    /** scheme://host[:port] as a trusted proxy forwarded it, or null for a request not forwarded by one. */
    static String forwardedServer(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage message) || message.getRequest() == null) {
            return null;
        }
        HttpServletRequest request = message.getRequest();
        if (!Boolean.TRUE.equals(request.getAttribute(Globals.REQUEST_FORWARDED_ATTRIBUTE))) {
            return null;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort || port <= 0 ? "" : ":" + port);
    }
}
