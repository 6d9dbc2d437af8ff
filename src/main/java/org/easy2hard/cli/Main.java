package org.easy2hard.cli;

public final class Main {
    public static void main(String[] args) { System.out.println("hi"); }
}
