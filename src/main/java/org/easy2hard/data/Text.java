package org.easy2hard.data;

/** Text measurements that must agree with the paper's Python code character for character. */
public final class Text {

    private Text() {
    }

    /**
     * Number of whitespace-separated tokens, as Python's {@code len(s.split())}: runs of whitespace (including
     * newlines, tabs and Unicode spaces such as U+00A0) separate tokens, and leading or trailing whitespace makes
     * no empty token.
     */
    public static int wordCount(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean space = isPythonWhitespace(codePoint);
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
            i += Character.charCount(codePoint);
        }
        return count;
    }

    /** Number of characters as Python counts them ({@code len(s)}: code points, not UTF-16 units). */
    public static int charCount(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isPythonWhitespace(int codePoint) {
        // Java's isWhitespace leaves out the no-break spaces and U+0085 that Python treats as whitespace.
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    /** Python's {@code s.strip()}: leading and trailing whitespace removed. */
    public static String stripWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isPythonWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Python's {@code s.strip(chars)} for a set of characters given as a string. */
    public static String strip(String text, String chars) {
        int start = 0;
        int end = text.length();
        while (start < end && chars.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }
}
