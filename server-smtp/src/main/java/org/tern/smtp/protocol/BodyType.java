package org.tern.smtp.protocol;

/** The MAIL BODY= parameter (RFC 6152); BINARYMIME is not offered. */
public enum BodyType { SEVEN_BIT, EIGHT_BIT_MIME }
