package io.millrace.connectivity;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML document as a mapping sees it: the root element as an object under its name, elements as
 * objects, repeated elements as arrays, attributes under {@code @name}, text under {@code #text};
 * an element with text only and no attributes is the text itself. Names are local names
 * (namespace prefixes dropped), so a mapping reads B2MML the same whatever prefix an exporter
 * chose. DTDs and external entities are refused.
 */
final class XmlDocuments {

    private static final XMLInputFactory FACTORY = factory();

    private XmlDocuments() {
    }

    static final class NotXml extends RuntimeException {
        NotXml(String message) {
            super(message);
        }
    }

    static Map<String, Object> read(byte[] raw) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(raw));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        Map<String, Object> root = new LinkedHashMap<>();
                        root.put(reader.getLocalName(), element(reader));
                        return root;
                    }
                }
                throw new NotXml("the message holds no XML element");
            } finally {
                reader.close();
            }
        } catch (XMLStreamException ex) {
            var at = ex.getLocation();
            throw new NotXml("the message is not well-formed XML" + (at == null ? "" : " at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber()) + ": " + firstLine(ex.getMessage()));
        }
    }

    /** Reads the element the reader is on, up to and including its end tag. */
    @SuppressWarnings("unchecked")
    private static Object element(XMLStreamReader reader) throws XMLStreamException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            object.put("@" + reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        StringBuilder text = new StringBuilder();
        boolean children = false;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                children = true;
                String name = reader.getLocalName();
                Object child = element(reader);
                Object before = object.get(name);
                if (before == null) {
                    object.put(name, child);
                } else if (before instanceof List<?> list) {
                    ((List<Object>) list).add(child);
                } else {
                    List<Object> list = new ArrayList<>();
                    list.add(before);
                    list.add(child);
                    object.put(name, list);
                }
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        String trimmed = text.toString().trim();
        if (object.isEmpty() && !children) {
            return trimmed;
        }
        if (!trimmed.isEmpty()) {
            object.put("#text", trimmed);
        }
        return object;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // not every StAX implementation knows the property; DTDs are off anyway
        }
        return factory;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(nl + 1);
        return line.isBlank() ? message.trim() : line.trim();
    }
}
